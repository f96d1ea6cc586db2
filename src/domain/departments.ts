import { z } from 'zod';
import { idSchema, requiredText } from './common.js';
import { limits } from './limits.js';

export const departmentCreateSchema = z.object({
  name: requiredText(limits.departmentNameMax),
  parentId: idSchema.nullish().transform((v) => v ?? null),
});

export const departmentUpdateSchema = z
  .object({
    name: requiredText(limits.departmentNameMax),
    parentId: idSchema.nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });

export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  active: z.boolean(),
  /** Names from the top of the tree down to this department. */
  path: z.array(z.string()),
  employeeCount: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentListSchema = z.object({
  items: z.array(departmentSchema),
  abilities: z.object({ create: z.boolean() }),
});
export type DepartmentList = z.infer<typeof departmentListSchema>;
