/** Michi's mark: a path (道) rising through the customer's journey. */
export const MichiMark = ({ size = 28 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="8" fill="var(--mantine-color-indigo-6)" />
    <path
      d="M7 23c4-8 7-12 9-12s3 6 5 6 3-3 4-5"
      fill="none"
      stroke="#fff"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);
