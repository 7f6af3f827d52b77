export { summarizeChange, changeSummaryMarkdown } from './summarizeChange';
export type { EnvironmentChange } from './summarizeChange';
