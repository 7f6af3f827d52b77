import { isService } from '../model/links';
import { LinkRule, ResolvedLink } from '../generator/types';
import { frontendToService } from './frontendToService';
import { serviceToMinio } from './serviceToMinio';
import { serviceToPostgres } from './serviceToPostgres';
import { serviceToRabbitmq } from './serviceToRabbitmq';
import { serviceToRedis } from './serviceToRedis';
import { serviceToService } from './serviceToService';

/** Picks the rule that derives a link's wiring from the two ends' types. */
export function linkRuleFor(link: ResolvedLink): LinkRule {
  if (link.from.type === 'frontend' && isService(link.to.type)) return frontendToService;
  if (isService(link.from.type)) {
    switch (link.to.type) {
      case 'postgres':
        return serviceToPostgres;
      case 'redis':
        return serviceToRedis;
      case 'rabbitmq':
        return serviceToRabbitmq;
      case 'minio':
        return serviceToMinio;
      case 'nodejs':
      case 'fastapi':
        return serviceToService;
      default:
        break;
    }
  }
  // validateStack rejects these; reaching here means it was skipped.
  throw new Error(`no link rule for ${link.from.type} → ${link.to.type}`);
}
