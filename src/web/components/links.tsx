import { Anchor, Button, NavLink, type AnchorProps, type ButtonProps, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

type AnchorElProps = AnchorHTMLAttributes<HTMLAnchorElement>;

const AnchorBase = forwardRef<HTMLAnchorElement, AnchorProps & AnchorElProps>((props, ref) => <Anchor ref={ref} {...props} />);
AnchorBase.displayName = 'AnchorBase';
const ButtonBase = forwardRef<HTMLAnchorElement, ButtonProps & AnchorElProps>((props, ref) => (
  <Button ref={ref} component="a" {...props} />
));
ButtonBase.displayName = 'ButtonBase';
const NavLinkBase = forwardRef<HTMLAnchorElement, NavLinkProps & AnchorElProps>((props, ref) => (
  <NavLink ref={ref} component="a" {...props} />
));
NavLinkBase.displayName = 'NavLinkBase';

const CreatedAnchorLink = createLink(AnchorBase);
const CreatedButtonLink = createLink(ButtonBase);
const CreatedNavLinkLink = createLink(NavLinkBase);

/** A Mantine Anchor that navigates with the router, with typed routes and params. */
export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => <CreatedAnchorLink preload="intent" {...props} />;
/** A Mantine Button that is a router link. */
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => <CreatedButtonLink preload="intent" {...props} />;
/** A Mantine NavLink that is a router link. */
export const NavLinkLink: LinkComponent<typeof NavLinkBase> = (props) => <CreatedNavLinkLink preload="intent" {...props} />;
