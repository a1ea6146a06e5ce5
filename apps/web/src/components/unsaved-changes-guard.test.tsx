import { MantineProvider } from "@mantine/core";
import {
  createBrowserHistory,
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Link,
  Outlet,
  type RouterHistory,
  RouterProvider,
} from "@tanstack/react-router";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { theme } from "../theme";
import { UnsavedChangesGuard } from "./unsaved-changes-guard";

/** A page with an edit that can be made dirty, and a link away from it. */
const EditPage = () => {
  const [dirty, setDirty] = useState(false);
  return (
    <>
      <UnsavedChangesGuard when={dirty} />
      <button type="button" onClick={() => setDirty(true)}>
        edit
      </button>
      <button type="button" onClick={() => setDirty(false)}>
        save
      </button>
      <Link to="/portfolio">away</Link>
    </>
  );
};

let history: RouterHistory;

const renderApp = async (make: () => RouterHistory) => {
  history = make();
  const root = createRootRoute({ component: Outlet });
  const router = createRouter({
    routeTree: root.addChildren([
      createRoute({ getParentRoute: () => root, path: "/", component: EditPage }),
      createRoute({ getParentRoute: () => root, path: "/portfolio", component: () => "there" }),
    ]),
    history,
  });
  await act(async () => {
    render(
      <MantineProvider theme={theme}>
        <RouterProvider router={router} />
      </MantineProvider>,
    );
  });
  return router;
};

/** What the browser asks before a reload or a closed tab: true when the page asks to stay. */
const unloadIsHeld = () => {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe("UnsavedChangesGuard", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    history.destroy();
  });

  it("lets a clean page go at once", async () => {
    const router = await renderApp(() => createMemoryHistory({ initialEntries: ["/"] }));
    fireEvent.click(screen.getByRole("link", { name: "away" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/portfolio"));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks before leaving unsaved edits: stays on cancel, leaves once confirmed", async () => {
    const router = await renderApp(() => createMemoryHistory({ initialEntries: ["/"] }));
    fireEvent.click(screen.getByRole("button", { name: "edit" }));
    fireEvent.click(screen.getByRole("link", { name: "away" }));
    const dialog = await screen.findByRole("dialog", { name: "保存していない変更があります" });
    expect(dialog.textContent).toContain("このまま移動すると、保存していない変更は失われます。");
    fireEvent.click(screen.getByRole("button", { name: "キャンセル" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(router.state.location.pathname).toBe("/");

    fireEvent.click(screen.getByRole("link", { name: "away" }));
    await screen.findByRole("dialog");
    fireEvent.click(screen.getByRole("button", { name: "変更を捨てて移動" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/portfolio"));
  });

  it("holds a reload or a closed tab while there are unsaved edits (beforeunload)", async () => {
    await renderApp(() => createBrowserHistory());
    expect(unloadIsHeld()).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: "edit" }));
    await waitFor(() => expect(unloadIsHeld()).toBe(true));
    fireEvent.click(screen.getByRole("button", { name: "save" }));
    await waitFor(() => expect(unloadIsHeld()).toBe(false));
  });
});
