import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { act, fireEvent, render, screen } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { theme } from "../../../theme";
import { LoginPage } from "./login-page";

// better-auth's client keeps the fetch it found when its module loaded: stand in before that.
const server = vi.hoisted(() => {
  const state = { answer: (): Response => new Response("{}", { status: 500 }) };
  globalThis.fetch = async () => state.answer();
  return state;
});

const renderLogin = async () => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rootRoute = createRootRoute({ component: () => <LoginPage redirectTo={undefined} /> });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/login"] }),
  });
  await act(async () => {
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>,
    );
  });
};

/** The server's answer to a locked account: 429 problem+json with Retry-After. */
const stubLockedAnswer = (retryAfterSeconds: number) => {
  server.answer = () =>
    new Response(
      JSON.stringify({
        type: "https://michi.dev/problems/too-many-requests",
        title: "Too many requests",
        status: 429,
        detail: "Too many failed logins. Try again in 15 minutes.",
      }),
      {
        status: 429,
        headers: {
          "content-type": "application/problem+json",
          "retry-after": String(retryAfterSeconds),
        },
      },
    );
};

const submit = async (emailLabel: RegExp, passwordLabel: RegExp, button: string) => {
  fireEvent.change(screen.getByLabelText(emailLabel), { target: { value: "a@example.test" } });
  fireEvent.change(screen.getByLabelText(passwordLabel), { target: { value: "wrong-password" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: button }));
  });
};

describe("LoginPage", () => {
  afterEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("says in Japanese how long a locked login waits", async () => {
    await i18n.changeLanguage("ja");
    stubLockedAnswer(900);
    await renderLogin();
    await submit(/メールアドレス/, /パスワード/, "ログイン");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "ログインの失敗が続いたため、一時的にログインできません。15 分後にもう一度お試しください。",
    );
  });

  it("says it in English too, rounding the wait up to whole minutes", async () => {
    await i18n.changeLanguage("en");
    stubLockedAnswer(61);
    await renderLogin();
    await submit(/Email/, /Password/, "Log in");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Too many failed logins. Try again in 2 minutes.",
    );
  });
});
