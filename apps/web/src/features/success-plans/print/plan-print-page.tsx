export const PlanPrintPage = ({ planId }: { planId: string }) => <div>{planId}</div>;
