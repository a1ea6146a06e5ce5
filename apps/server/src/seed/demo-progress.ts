/*
 * How far the demo seed is, for the first `npm start`: it seeds for tens of
 * seconds before the server listens, and said nothing while it did.
 */

/** The demo seed's steps, in the order they finish. */
export const demoSeedSteps = [
  "accounts",
  "plans",
  "usage events",
  "history days",
  "churn history",
] as const;

export type DemoSeedStep = (typeof demoSeedSteps)[number];

/** `done` of `total` units of `step` are written (accounts, events, days, former customers). */
export type DemoSeedProgress = { step: DemoSeedStep; done: number; total: number };

export type OnDemoSeedProgress = (progress: DemoSeedProgress) => void;

/**
 * For a step of many small units (a recompute per history day): reports
 * only when `done` passes a quarter of `total`, so 90 days make four reports.
 */
export const reportByQuarter =
  (onProgress: OnDemoSeedProgress | undefined, step: DemoSeedStep, total: number) =>
  (done: number) => {
    if (total > 0 && Math.floor((done * 4) / total) > Math.floor(((done - 1) * 4) / total)) {
      onProgress?.({ step, done, total });
    }
  };

const stepNouns: Record<DemoSeedStep, string> = {
  accounts: "accounts with contacts and contracts",
  plans: "success plans",
  "usage events": "usage events",
  "history days": "days of health, phase and maturity history",
  "churn history": "former customers with their usage history",
};

/** One line of the start-up output, e.g. "25,000/35,769 usage events". */
export const formatDemoSeedProgress = ({ step, done, total }: DemoSeedProgress) =>
  `${done.toLocaleString("en")}/${total.toLocaleString("en")} ${stepNouns[step]}`;

/** Prints the seed's progress, under a heading printed with the first report. */
export const printDemoSeedProgress = (print: (line: string) => void): OnDemoSeedProgress => {
  let started = false;
  return (progress) => {
    if (!started) print("Seeding the demo workspace (first start only):");
    started = true;
    print(`  ${formatDemoSeedProgress(progress)}`);
  };
};
