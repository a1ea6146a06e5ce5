import { Anchor, type AnchorProps } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import type { ComponentPropsWithRef } from "react";

const MantineAnchor = (props: AnchorProps & ComponentPropsWithRef<"a">) => <Anchor {...props} />;

/** A Mantine Anchor that is a typed TanStack Router link. */
export const AnchorLink = createLink(MantineAnchor);
