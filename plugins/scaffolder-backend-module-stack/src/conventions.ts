// Names from docs/conventions.md that the actions depend on.

// IDP_TOPIC and the stack-file annotation come from @internal/plugin-stack-common.
/** Branch every IDP repository uses as its default. */
export const DEFAULT_BRANCH = 'main';
/** Prefix of the topic naming a repository's system; Argo CD derives namespaces from it. */
export const SYSTEM_TOPIC_PREFIX = 'idp-system-';
/** GitHub topics are at most 50 characters, so a system name gets 50 - 11. */
export const MAX_SYSTEM_LENGTH = 50 - SYSTEM_TOPIC_PREFIX.length;
