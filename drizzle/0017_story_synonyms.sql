CREATE TABLE "story_synonym" (
	"word" text NOT NULL,
	"alternative" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_synonym_word_alternative_pk" PRIMARY KEY("word","alternative"),
	CONSTRAINT "story_synonym_length" CHECK (char_length("story_synonym"."word") between 1 and 60 and char_length("story_synonym"."alternative") between 1 and 60)
);
