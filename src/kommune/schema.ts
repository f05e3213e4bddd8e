// kommune.yaml, written once with zod 4: strict objects, keys exactly as docs/format.md, "kommune.yaml".
// Refinements carry `params.rule`; src/kommune/validate.ts turns them into Danish messages.
import { z } from "zod";
import { isWebAddress, personSchema, text, urlString } from "../minutes/schema.ts";

const rule = (name: string) => ({ params: { rule: name } });

/** `#rrggbb`. Contrast is checked separately, because its message needs the ratio. */
export const colourString = z.string().refine((value) => /^#[0-9a-fA-F]{6}$/.test(value), rule("colour"));

/** Lowercase ASCII letters, digits and hyphens. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const councilSchema = z.strictObject({
  name: text,
  description: text.nullish(),
  members: z.array(personSchema).nullish(),
  /** Opt-in: publish each standing member's attendance over the council's meetings. */
  attendance: z.boolean().nullish(),
});

/** The licence of the municipality's open data: a name, or a name and the licence's address. */
export const licenseSchema = z.union([text, z.strictObject({ name: text, url: urlString.nullish() })]);

export const lookSchema = z.strictObject({
  colour: colourString,
  logo: z
    .string()
    .refine((value) => /^[^/\\]+\.(svg|png|jpe?g|webp)$/i.test(value), rule("logo"))
    .nullish(),
});

export const contactSchema = z.strictObject({
  address: text.nullish(),
  phone: z.union([text, z.number()]).nullish(),
  email: z
    .string()
    .refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), rule("email"))
    .nullish(),
  // An unquoted CVR reads as a number; accept it when it has 8 digits.
  cvr: z
    .union([z.string(), z.number()])
    .refine((value) => /^\d{8}$/.test(String(value)), rule("cvr"))
    .nullish(),
  hours: text.nullish(),
});

export const kommuneSchema = z.strictObject({
  name: text,
  website: urlString.nullish(),
  accessibility_statement: urlString,
  feedback: urlString.nullish(),
  /** The public address of this municipality's own archive site (`referat build --kommune`). */
  base_url: urlString.nullish(),
  license: licenseSchema.nullish(),
  look: lookSchema,
  contact: contactSchema.nullish(),
  councils: z.record(z.string(), councilSchema).refine((councils) => Object.keys(councils).length > 0, rule("councils")),
  /** A draft's guesses (written by `referat import`): each entry is an error until removed. */
  review: z.array(text).nullish(),
});

export type KommuneData = z.output<typeof kommuneSchema>;

/** The keys each object accepts, by path without indexes: for "mente du …?". */
export const KOMMUNE_KNOWN_KEYS: Record<string, readonly string[]> = {
  "": Object.keys(kommuneSchema.shape),
  look: Object.keys(lookSchema.shape),
  contact: Object.keys(contactSchema.shape),
  "councils.*": Object.keys(councilSchema.shape),
  "councils.*.members": ["name", "organisation", "role"],
};

export { isWebAddress };
