/*
 * What runs a playbook on the server: the run planner and business days with
 * Japanese holidays (a 175 kB table). Kept out of index.ts so that the web
 * app's bundle does not carry the table; its types are exported there.
 */
export * from "./playbooks/business-days";
export * from "./playbooks/plan-run";
