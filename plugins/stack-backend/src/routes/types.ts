import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { StackCapabilities } from '@idp-stack/plugin-stack-common';
import { StackConfig } from '../config';
import { ApplicationStore } from '../service/ApplicationStore';
import { BuildsService } from '../service/BuildsService';
import { LooseStacksService } from '../service/LooseStacksService';
import { StackFileService } from '../service/StackFileService';
import { SystemRegistry } from '../service/SystemRegistry';
import { PromotionGithub } from '../service/PromotionGithub';

/** What every route group gets from the plugin. */
export interface RouteDeps {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  logger: LoggerService;
  store: ApplicationStore;
  builds: BuildsService;
  stackFiles: StackFileService;
  loose: LooseStacksService;
  config: StackConfig;
  /** Undefined when `stack.systemRegistry` is not configured. */
  systemRegistry?: SystemRegistry;
  /** GitHub calls of promotions, with the portal's own (write) credentials. */
  promotionGithub?: PromotionGithub;
  /** From the portal's own config at start-up (`GET /capabilities`). */
  capabilities: StackCapabilities;
}
