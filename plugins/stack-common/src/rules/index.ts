import { LinkRule, ResolvedLink } from '../generator/types';

const none: LinkRule = () => ({});

/** Picks the rule that derives a link's wiring from the two ends' types. */
export function linkRuleFor(_link: ResolvedLink): LinkRule {
  return none;
}
