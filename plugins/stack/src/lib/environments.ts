/** The environments every stack deploys to, in promotion order (docs/conventions.md). */
export const ENVIRONMENTS = ['dev', 'stage', 'prod'] as const;

export type Environment = (typeof ENVIRONMENTS)[number];
