/** Body of `POST /promotions`: promote one successful build to stage or prod. */
export interface PromotionRequest {
  entityRef: string;
  /** The GitHub Actions run id of the build. */
  runId: number;
  environment: 'stage' | 'prod';
}

/** Response of `POST /promotions` (201). */
export interface PromotionResponse {
  pullRequest: { number: number; url: string };
  title: string;
  environment: string;
  /** GitHub teams asked for review (prod: the registry's approvers). */
  reviewers: string[];
  /** Prod with deployment windows: the open or next window. */
  deploymentWindow?: { start: string; end: string; open: boolean };
}

/** Response of `GET /promotions?entityRef=`: open promotion pull requests per environment. */
export interface OpenPromotions {
  environments: Record<
    string,
    { number: number; title: string; url: string; branch: string }[]
  >;
}
