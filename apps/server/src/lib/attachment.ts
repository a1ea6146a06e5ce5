/*
 * Content-Disposition for downloads named after what they hold (RFC 6266):
 * an ASCII name for old clients, the title in UTF-8 for the others.
 */

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * as they are, which are not allowed. */
const encodeRfc5987 = (text: string) =>
  encodeURIComponent(text).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** `attachment; filename="plan-<id>.<ext>"; filename*=UTF-8''<title>.<ext>` */
export const attachment = (title: string, id: string, extension: string) => {
  const safe = title.replace(/[\\/:*?"<>|\r\n]+/g, " ").trim() || "plan";
  return `attachment; filename="plan-${id}.${extension}"; filename*=UTF-8''${encodeRfc5987(
    `${safe}.${extension}`,
  )}`;
};
