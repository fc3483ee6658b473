/** Open or close tags that do not pair up in a markdown report (void elements such as <br> excluded). */
export function unbalancedHtml(markdown: string): string[] {
  const open: string[] = [];
  const problems: string[] = [];
  for (const match of markdown.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>/g)) {
    const [, closing, tag] = match;
    if (["br", "hr", "img"].includes(tag.toLowerCase())) continue;
    if (!closing) open.push(tag);
    else if (open.pop() !== tag) problems.push(`</${tag}> at ${match.index}`);
  }
  return [...problems, ...open.map((t) => `<${t}> never closed`)];
}
