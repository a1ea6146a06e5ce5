import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { $, type OpenAPIHono } from "@hono/zod-openapi";
import { AppError, isAppError } from "@michi/core";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { accountOverviewRouter } from "./features/account-overview/account-overview.routes";
import { accountTasksRouter } from "./features/account-tasks/account-tasks.routes";
import { accountViewsRouter } from "./features/accounts/account-views";
import { accountsRouter } from "./features/accounts/accounts.routes";
import { churnRouter } from "./features/accounts/churn.routes";
import { resolveActor } from "./features/auth/actor.middleware";
import { handleAuthRequest } from "./features/auth/client-address";
import {
  refuseCrossOriginAuthWrites,
  refuseCrossOriginCookieWrites,
} from "./features/auth/cross-origin.middleware";
import { contactsRouter } from "./features/contacts/contacts.routes";
import { contractsRouter } from "./features/contracts/contracts.routes";
import { csSettingsRouter } from "./features/cs-settings/cs-settings.routes";
import { csvRouter } from "./features/csv/csv.routes";
import { healthRouter } from "./features/health/health.routes";
import { ratingsRouter } from "./features/health/ratings.routes";
import { healthLabRouter } from "./features/health-lab/health-lab.routes";
import {
  invitationLinksRouter,
  invitationsRouter,
} from "./features/invitations/invitations.routes";
import { maturityRouter } from "./features/lifecycle/maturity.routes";
import { phaseRouter } from "./features/lifecycle/phase.routes";
import { mailSettingsRouter } from "./features/mail/mail-settings.routes";
import { unsubscribeRouter } from "./features/mail/unsubscribe.routes";
import { playbooksRouter } from "./features/playbooks/playbooks.routes";
import { portfolioRouter } from "./features/portfolio/portfolio.routes";
import { meetingsRouter } from "./features/success-plans/meetings.routes";
import { myTasksRouter } from "./features/success-plans/my-tasks.routes";
import { plansRouter } from "./features/success-plans/plans.routes";
import { reportRouter } from "./features/success-plans/report.routes";
import { stagesRouter } from "./features/success-plans/stages.routes";
import { tasksRouter } from "./features/success-plans/tasks.routes";
import { templatesRouter } from "./features/success-plans/templates.routes";
import { timelineRouter } from "./features/timeline/timeline.routes";
import { usageRouter } from "./features/usage/usage.routes";
import { webhooksRouter } from "./features/webhooks/webhooks.routes";
import { settingsRouter } from "./features/workspaces/settings.routes";
import type { AppDeps, AppEnv } from "./lib/hono-env";
import { rejectBadAuthInput, rejectBadPathAndQuery } from "./lib/input-guard";
import { logger } from "./lib/logger";
import { problemOf, problemResponse } from "./lib/problem";
import { jsonBodyLimit } from "./lib/route";
import { createRouter } from "./lib/router";
import { securityHeaders } from "./lib/security-headers";

const toProblemResponse = (error: unknown) => {
  if (isAppError(error)) {
    const { code, message, errors, problem } = error;
    return problemResponse(problemOf(code, message, problem ? { errors, problem } : errors));
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return problemResponse(problemOf("payload-too-large", error.message));
    if (status === 401) return problemResponse(problemOf("unauthenticated", error.message));
    if (status === 415) return problemResponse(problemOf("unsupported-media-type", error.message));
    // Hono throws 400 for a body that is not valid JSON.
    return problemResponse({ ...problemOf("bad-request", error.message || "Bad request"), status });
  }
  if (error instanceof SyntaxError) {
    return problemResponse(problemOf("bad-request", "The request body is not valid JSON."));
  }
  logger.error({ err: error }, "unhandled error");
  return problemResponse(problemOf("internal", "Something went wrong on our side."));
};

export const createApp = (deps: AppDeps) => {
  const app = createRouter();

  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.onError((error) => toProblemResponse(error));
  app.use("*", securityHeaders(deps.baseURL));

  app.get("/api/health", (c) => c.json({ status: "ok" }));
  app.on(
    ["GET", "POST"],
    "/api/auth/*",
    refuseCrossOriginAuthWrites,
    jsonBodyLimit,
    rejectBadAuthInput,
    handleAuthRequest,
  );

  // The input rule (decision 0014) for every /api/v1 path and query, invitation links included.
  app.use("/api/v1/*", rejectBadPathAndQuery);
  // `.use()` returns a plain Hono, whose schema OpenAPIHono's `.route()` drops
  // (AppType became `MergeSchemaPath<{}, "/api/v1">`); `$` restores the type.
  const v1 = $(
    createRouter()
      // Invitation links are opened before login: registered first, they answer without the actor.
      .route("/", invitationLinksRouter)
      .use("*", resolveActor)
      .use("*", refuseCrossOriginCookieWrites),
  )
    // Each route then checks its declared permission and body limit (lib/route.ts).
    .route("/", accountsRouter)
    .route("/", accountOverviewRouter)
    .route("/", accountViewsRouter)
    .route("/", churnRouter)
    .route("/", contactsRouter)
    .route("/", contractsRouter)
    .route("/", playbooksRouter)
    .route("/", timelineRouter)
    .route("/", settingsRouter)
    .route("/", invitationsRouter)
    .route("/", csvRouter)
    .route("/", plansRouter)
    .route("/", reportRouter)
    .route("/", stagesRouter)
    .route("/", meetingsRouter)
    .route("/", templatesRouter)
    .route("/", myTasksRouter)
    .route("/", tasksRouter)
    .route("/", usageRouter)
    .route("/", healthRouter)
    .route("/", healthLabRouter)
    .route("/", maturityRouter)
    .route("/", phaseRouter)
    .route("/", csSettingsRouter)
    .route("/", ratingsRouter)
    .route("/", portfolioRouter)
    .route("/", webhooksRouter)
    .route("/", mailSettingsRouter)
    .route("/", accountTasksRouter);
  const routes = app.route("/api/v1", v1);

  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from Settings → API keys or `npm run michi -- api-key create`.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
  });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Michi API",
      version: "1.0.0",
      description: "Customer success platform: accounts, contacts, contracts, success plans.",
    },
    security: [{ apiKey: [] }, { session: [] }],
  });
  mountApiDocs(app);

  // Customer contacts' unsubscribe links: no session, the signed token says who (decision 0029).
  app.route("/unsubscribe", unsubscribeRouter);

  app.all("/api/*", () =>
    problemResponse(problemOf("not-found", "There is no such API endpoint.")),
  );
  if (deps.webDistDir && existsSync(deps.webDistDir)) mountWebApp(app, deps.webDistDir);
  app.notFound(() => problemResponse(problemOf("not-found", "Not found.")));
  return routes;
};

/** Swagger UI from the swagger-ui-dist package, served locally so docs work offline. */
const mountApiDocs = (app: OpenAPIHono<AppEnv>) => {
  const require = createRequire(import.meta.url);
  const uiDir = path.dirname(require.resolve("swagger-ui-dist/package.json"));
  const root = path.relative(process.cwd(), uiDir);
  app.use(
    "/api/docs/assets/*",
    serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, "") }),
  );
  app.get("/api/docs", (c) =>
    c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Michi API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`),
  );
  // A file, not an inline script: the Content-Security-Policy allows scripts only from files.
  app.get("/api/docs/init.js", (c) =>
    c.body('window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#ui" });\n', 200, {
      "content-type": "text/javascript; charset=utf-8",
    }),
  );
};

const mountWebApp = (app: OpenAPIHono<AppEnv>, distDir: string) => {
  const root = path.relative(process.cwd(), distDir);
  app.use("/*", serveStatic({ root }));
  // A file that is not there (a script of an older build, a typo) is a 404: given the
  // app's HTML instead, a browser reports a MIME error, and caches may keep the HTML.
  // Files are what lies in the build's folders (assets/) or has an extension.
  const folders = readdirSync(distDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `/${entry.name}/`);
  const isFilePath = (p: string) =>
    folders.some((folder) => p.startsWith(folder)) || /\.[^/.]+$/.test(p);
  const indexHtml = serveStatic({ root, path: "index.html" });
  // Client-side routes: any other GET that is not an API call gets the app shell.
  const noMissingFiles = createMiddleware<AppEnv>(async (c, next) => {
    if (isFilePath(c.req.path)) return problemResponse(problemOf("not-found", "No such file."));
    await next();
  });
  app.get("*", noMissingFiles, indexHtml);
};

export type App = ReturnType<typeof createApp>;
export { AppError };
