CREATE TABLE "initiative" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"town" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"join_policy" text DEFAULT 'invite' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_slug_unique" UNIQUE("slug"),
	CONSTRAINT "initiative_slug_format" CHECK ("initiative"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "initiative_name_length" CHECK (char_length("initiative"."name") between 1 and 120)
);
