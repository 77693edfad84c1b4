/**
 * HTML escaping for the HTML report: every string from a run (route paths, messages the
 * generator made up, server traces, close reasons) may hold `<`, `&` or quotes, and
 * must show as text, never as markup. Safe for element content and quoted attributes.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
