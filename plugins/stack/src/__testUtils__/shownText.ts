/**
 * An element's text as a sighted user reads it: without the visually
 * hidden ", Opens in a new window" that Backstage's `Link` adds for screen
 * readers after every external link.
 */
export function shownText(element: Element): string {
  return (element.textContent ?? '').replace(/, Opens in a new window/g, '');
}
