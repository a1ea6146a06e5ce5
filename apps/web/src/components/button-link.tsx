import { Button, type ButtonProps } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import type { ComponentPropsWithRef } from "react";

const MantineButtonAnchor = (props: ButtonProps & ComponentPropsWithRef<"a">) => (
  <Button component="a" {...props} />
);

/** A Mantine Button that is a typed TanStack Router link. */
export const ButtonLink = createLink(MantineButtonAnchor);
