import { ActionIcon, Indicator } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { createLink } from "@tanstack/react-router";
import { forwardRef, type AnchorHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { unreadCountQuery } from "../lib/notifications.js";

const ActionIconAnchor = forwardRef<
  HTMLAnchorElement,
  AnchorHTMLAttributes<HTMLAnchorElement>
>((props, ref) => (
  <ActionIcon
    ref={ref}
    component="a"
    variant="subtle"
    color="gray"
    size="lg"
    {...props}
  />
));
ActionIconAnchor.displayName = "ActionIconAnchor";
const ActionIconLink = createLink(ActionIconAnchor);

/** The header's way to the notification centre, with the unread count on it. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useQuery(unreadCountQuery);
  const unread = data?.unread ?? 0;
  return (
    <Indicator
      label={unread > 99 ? "99+" : unread}
      disabled={unread === 0}
      size={18}
      offset={4}
      color="red"
    >
      <ActionIconLink
        to="/notifications"
        aria-label={
          unread > 0
            ? t("notify.bell.unread", { count: unread })
            : t("notify.bell.none")
        }
      >
        <IconBell size={22} aria-hidden />
      </ActionIconLink>
    </Indicator>
  );
}
