// Names from docs/conventions.md that the actions depend on.

// Topics, name limits, reserved names and annotations come from
// @idp-stack/plugin-stack-common (its conventions module), which validation enforces.
/** Branch every IDP repository uses as its default. */
export const DEFAULT_BRANCH = 'main';
