import { createTheme, Notification, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';

/**
 * A deeper teal than Mantine's own, so white on the primary colour and the primary colour on its
 * light tint both pass WCAG AA (shade 6: 5.5:1 on white, 4.8:1 on the light variant).
 */
const teal: MantineColorsTuple = [
  '#e7f5f3',
  '#c9e8e4',
  '#9ed6cf',
  '#6fc2b8',
  '#46aea3',
  '#279a8f',
  '#0f766e',
  '#0d655e',
  '#0a544e',
  '#07433e',
];

/** System fonts that carry Japanese glyphs well; no web-font download. */
const fontFamily = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  'Meiryo',
  'Roboto',
  'sans-serif',
].join(', ');

/** A calm, trustworthy look: teal primary, dark enough shades for text contrast on white. */
export const theme = createTheme({
  primaryColor: 'teal',
  colors: { teal },
  primaryShade: 6,
  fontFamily,
  headings: { fontFamily, fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});

/** Mantine's "dimmed" grey (3.3:1 on white) and error red fail WCAG AA; use darker shades everywhere they appear. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Mantine's red 6 (3.6:1 on white) is too light for error text.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Text on the light variant (badges, alerts) of these colours is shade 6 by default, under 4.5:1
    // on its own tint; shade 9 passes.
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-color-grape-light-color': 'var(--mantine-color-grape-9)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-cyan-light-color': 'var(--mantine-color-cyan-9)',
  },
  dark: {},
});

/**
 * The theme with translated names for the controls Mantine renders itself: a toast's close button
 * has no text, so it needs one (axe: button-name). Rebuilt when the language changes.
 */
export function themeWithLabels(labels: { close: string }): MantineThemeOverride {
  return {
    ...theme,
    components: {
      ...theme.components,
      Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': labels.close } } }),
    },
  };
}
