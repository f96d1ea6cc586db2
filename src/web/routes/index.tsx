import { createRoute } from '@tanstack/react-router';
import { HomePage } from '../features/home/HomePage.js';
import { appRoute } from './app.js';

/** / — home: greeting, the person's reporting lines and what Taiwa is for. */
export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: HomePage,
});
