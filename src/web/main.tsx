import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { i18nReady } from './i18n/index.js';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useMemo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { queryClient, router, startFirstScreen } from './router.js';
import { cssVariablesResolver, themeWithLabels } from './theme.js';

startFirstScreen();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

/** Mantine with the theme in the current language (names of Mantine's own icon buttons). */
function ThemeProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => themeWithLabels({ close: t('actions.close') }), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

// The first screen's requests are already on their way; the catalog of its language is one of them.
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <ThemeProvider>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ThemeProvider>
    </StrictMode>,
  ),
);
