CREATE TABLE "activity_exception" (
	"activity_id" uuid NOT NULL,
	"occurrence_start" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	CONSTRAINT "activity_exception_activity_id_occurrence_start_pk" PRIMARY KEY("activity_id","occurrence_start"),
	CONSTRAINT "activity_exception_status" CHECK ("activity_exception"."status" in ('cancelled', 'moved')),
	CONSTRAINT "activity_exception_times" CHECK (("activity_exception"."status" = 'cancelled' and "activity_exception"."starts_at" is null and "activity_exception"."ends_at" is null) or ("activity_exception"."status" = 'moved' and "activity_exception"."ends_at" > "activity_exception"."starts_at"))
);
--> statement-breakpoint
CREATE TABLE "activity_feed_token" (
	"user_id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_feed_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "activity" DROP CONSTRAINT "activity_visibility";--> statement-breakpoint
DROP INDEX "activity_signup_queue_idx";--> statement-breakpoint
ALTER TABLE "activity_signup" DROP CONSTRAINT "activity_signup_activity_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "rrule" text;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "series_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD COLUMN "occurrence_start" timestamp with time zone;--> statement-breakpoint
-- Hand-added: existing sign-ups are for the one date of a one-off activity, its start.
UPDATE "activity_signup" SET "occurrence_start" = "activity"."starts_at" FROM "activity" WHERE "activity"."id" = "activity_signup"."activity_id";--> statement-breakpoint
ALTER TABLE "activity_signup" ALTER COLUMN "occurrence_start" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD CONSTRAINT "activity_signup_activity_id_occurrence_start_user_id_pk" PRIMARY KEY("activity_id","occurrence_start","user_id");--> statement-breakpoint
ALTER TABLE "activity_exception" ADD CONSTRAINT "activity_exception_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_feed_token" ADD CONSTRAINT "activity_feed_token_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_signup_queue_idx" ON "activity_signup" USING btree ("activity_id","occurrence_start","status","created_at");--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_rrule_length" CHECK ("activity"."rrule" is null or char_length("activity"."rrule") between 1 and 200);--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_visibility" CHECK ("activity"."visibility" in ('public', 'network', 'members'));