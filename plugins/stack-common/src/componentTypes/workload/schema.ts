import type { NodejsComponent } from '../nodejs/schema';
import type { FastapiComponent } from '../fastapi/schema';
import type { FrontendComponent } from '../frontend/schema';

/** A component that runs as a Deployment of the repository's own image. */
export type ServiceComponent =
  | NodejsComponent
  | FastapiComponent
  | FrontendComponent;
