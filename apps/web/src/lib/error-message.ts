import { isApiError } from "./api-client";

type ErrorKey =
  | "errors.badRequest"
  | "errors.unauthenticated"
  | "errors.forbidden"
  | "errors.notFound"
  | "errors.conflict"
  | "errors.validation"
  | "errors.tooLarge"
  | "errors.unsupportedMediaType"
  | "errors.server"
  | "errors.network"
  | "errors.unknown";

/** The translated summary of an error, by HTTP status; the server's detail is shown beside it. */
export const errorMessageKey = (error: unknown): ErrorKey => {
  if (!isApiError(error)) return error instanceof TypeError ? "errors.network" : "errors.unknown";
  switch (error.status) {
    case 400:
      return "errors.badRequest";
    case 401:
      return "errors.unauthenticated";
    case 403:
      return "errors.forbidden";
    case 404:
      return "errors.notFound";
    case 409:
      return "errors.conflict";
    case 413:
      return "errors.tooLarge";
    case 415:
      return "errors.unsupportedMediaType";
    case 422:
      return "errors.validation";
    default:
      return error.status >= 500 ? "errors.server" : "errors.unknown";
  }
};
