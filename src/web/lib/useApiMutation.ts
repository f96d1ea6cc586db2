import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { ApiError } from './api.js';
import { errorMessage, useServerErrors } from './useServerErrors.js';

interface ApiMutationOptions<TData, TVars> {
  /** Queries to refresh after a success, awaited before the mutation stops being pending. */
  invalidate?: readonly (readonly unknown[])[];
  /** Runs after the invalidation, while the mutation is still pending (navigate, close, notify). */
  onSuccess?: (data: TData, vars: TVars) => unknown;
  /**
   * Also hands the failure to a toast (call sites without a form) or to a form library's field
   * errors (Mantine's useForm): the message in the user's language and the per-field messages.
   */
  onError?: (failure: { message: string; fields: Record<string, string> }, vars: TVars) => void;
}

/**
 * The one way the web client changes data: a TanStack Query mutation whose failure lands in
 * `formError` / `fields` (for FormError and the inputs' `error` props) in the user's language,
 * whose errors clear on a new attempt, and which cannot run twice at once.
 */
export function useApiMutation<TVars = void, TData = unknown>(
  mutationFn: (vars: TVars) => Promise<TData>,
  options: ApiMutationOptions<TData, TVars> = {},
) {
  const queryClient = useQueryClient();
  const errors = useServerErrors();
  const inFlight = useRef(false);
  const { invalidate, onSuccess, onError } = options;
  const mutation = useMutation({
    mutationFn,
    onMutate: () => errors.clear(),
    onSuccess: async (data: TData, vars: TVars) => {
      await Promise.all((invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey: queryKey as QueryKey })));
      await onSuccess?.(data, vars);
    },
    onError: (e: Error, vars: TVars) => {
      errors.capture(e);
      onError?.({ message: errorMessage(e), fields: e instanceof ApiError ? e.fields : {} }, vars);
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const { mutate: run, reset: resetMutation } = mutation;
  const mutate = useCallback(
    (vars: TVars) => {
      if (inFlight.current) return;
      inFlight.current = true;
      run(vars);
    },
    [run],
  );
  const { clear } = errors;
  const reset = useCallback(() => {
    resetMutation();
    clear();
  }, [resetMutation, clear]);
  return {
    mutate,
    reset,
    isPending: mutation.isPending,
    /** What the running call was given (which row is busy); undefined when none runs. */
    variables: mutation.isPending ? mutation.variables : undefined,
    formError: errors.error,
    setFormError: errors.setError,
    fields: errors.fields,
    setFields: errors.setFields,
    clearErrors: clear,
  };
}
