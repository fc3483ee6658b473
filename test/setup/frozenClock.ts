/**
 * Every test (and every preview a test starts) sees the same "today", so budget dates never depend on the clock.
 * The variable is budgetRules' TODAY_ENV, spelt out rather than imported: this file runs before every suite, and the
 * import loaded @pulumi/pulumi and zod into each one (test/components/cost/budgetRules.test.ts checks the two agree).
 */
process.env.AZURE_ML_WORKSPACES_TODAY ??= "2026-12-02";
