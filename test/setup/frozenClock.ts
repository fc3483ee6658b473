/** Every test (and every preview a test starts) sees the same "today", so budget dates never depend on the clock. */
import { TODAY_ENV } from "../../components/cost/budgetRules";

process.env[TODAY_ENV] ??= "2026-12-02";
