import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Locale } from '../../domain/limits.js';
import type { Me } from '../../domain/me.js';
import i18n, { isLocale } from '../i18n/index.js';
import { api, client } from './api.js';
import { rememberSignedIn } from './firstScreen.js';

/** The signed-in person, or null when nobody is. A signed-in user's saved language wins on load. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    // /api/session answers 200 with null for nobody: a signed-out page logs no failed request.
    const { me } = await api<{ me: Me | null }>(client.GET('/api/session'));
    rememberSignedIn(me !== null);
    if (me && isLocale(me.locale) && me.locale !== i18n.language) await i18n.changeLanguage(me.locale);
    return me;
  },
  staleTime: 60_000,
});

/** Whether the installation still needs its first admin. */
export const setupStatusQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: () => api<{ needsSetup: boolean }>(client.GET('/api/setup')),
  staleTime: 60_000,
});

/** The signed-in person inside the app shell, where the router has already made sure of them. */
export function useMe(): Me {
  const { data } = useSuspenseQuery(meQuery);
  if (!data) throw new Error('useMe outside a signed-in route');
  return data;
}

/** A language picked on the sign-in page, saved to the profile once the person has signed in. */
let chosenBeforeSignIn: Locale | null = null;

/**
 * Switches the UI language at once and, when someone is signed in, saves it to their profile so
 * it follows them to other devices.
 */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return useCallback(
    async (lng: Locale) => {
      await i18n.changeLanguage(lng);
      const me = queryClient.getQueryData(meQuery.queryKey);
      if (!me) {
        chosenBeforeSignIn = lng;
        return;
      }
      const next: Me = { ...me, locale: lng };
      queryClient.setQueryData(meQuery.queryKey, next);
      const saved = await api<Me>(client.PATCH('/api/me', { body: { locale: lng } }));
      queryClient.setQueryData(meQuery.queryKey, saved);
    },
    [queryClient],
  );
}

/** After signing in: keep the language the person picked on the sign-in page rather than the stored one. */
export async function saveLanguageChosenBeforeSignIn(): Promise<void> {
  if (!chosenBeforeSignIn) return;
  const lng = chosenBeforeSignIn;
  chosenBeforeSignIn = null;
  await api<Me>(client.PATCH('/api/me', { body: { locale: lng } }));
}

/** Ends the session on the server and forgets everything cached for the person. */
export async function signOut(queryClient: ReturnType<typeof useQueryClient>): Promise<void> {
  await api(client.POST('/api/auth/sign-out'));
  rememberSignedIn(false);
  queryClient.clear();
}
