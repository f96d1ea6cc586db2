import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const HomePage = lazy(() => import('../features/home/HomePage.js').then((m) => ({ default: m.HomePage })));

/** / — home: greeting, the person's reporting lines and what Taiwa is for. */
export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: HomePage,
});
