/**
 * Argo CD matches AppProject destinations, source repositories and kinds with
 * gobwas/glob: `*` is any run of characters except the separator (none for
 * destinations and kinds, `/` for sourceRepos), `**` any run at all, `?` one
 * character, `[a-z]` / `[!a-z]` a class. Braces, escapes and the `!` deny
 * prefix are not used by our projects, so they are refused rather than guessed.
 */
export function globToRegExp(pattern: string, separator?: '/'): RegExp {
  if (/[{}\\]/.test(pattern) || pattern.startsWith('!')) {
    throw new Error(
      `glob "${pattern}" uses syntax this check does not implement ({…}, \\, leading !)`,
    );
  }
  const star = separator ? '[^/]*' : '.*';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += star;
    else if (c === '?') out += separator ? '[^/]' : '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`glob "${pattern}" has an unclosed [`);
      const body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!');
      out += `[${negate ? '^' : ''}${(negate ? body.slice(1) : body).replace(
        /\^/g,
        '\\^',
      )}]`;
      i = end;
    } else out += c.replace(/[.+^$()|/\]]/g, m => `\\${m}`);
  }
  return new RegExp(`^${out}$`);
}

export function globMatch(
  pattern: string,
  value: string,
  separator?: '/',
): boolean {
  return globToRegExp(pattern, separator).test(value);
}
