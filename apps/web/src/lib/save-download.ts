/** The file name a content-disposition header gives, if any. */
export const fileNameOf = (contentDisposition: string | null): string | undefined =>
  /filename="([^"]+)"/.exec(contentDisposition ?? "")?.[1];

/**
 * Saves a fetched file as a download, under the name the server gave it.
 * Used instead of a plain link where the server may refuse with an error
 * that the page should show (a link would save the error as the file).
 */
export const saveResponseAsFile = async (response: Response, fallbackName: string) => {
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(response.headers.get("content-disposition")) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};
