CREATE TABLE "activity_guest_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"occurrence_start" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"locale" text DEFAULT 'nl' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_guest_request_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "activity_guest_request_name_length" CHECK (char_length("activity_guest_request"."name") between 1 and 80),
	CONSTRAINT "activity_guest_request_email_length" CHECK (char_length("activity_guest_request"."email") between 3 and 254)
);
--> statement-breakpoint
ALTER TABLE "activity_signup" DROP CONSTRAINT "activity_signup_activity_id_occurrence_start_user_id_pk";--> statement-breakpoint
ALTER TABLE "activity_signup" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD COLUMN "show_name" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD COLUMN "guest_name" text;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD COLUMN "guest_email" text;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD COLUMN "guest_locale" text;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD COLUMN "guest_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_guest_request" ADD CONSTRAINT "activity_guest_request_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_guest_request_activity_idx" ON "activity_guest_request" USING btree ("activity_id","occurrence_start");--> statement-breakpoint
CREATE INDEX "activity_guest_request_expires_idx" ON "activity_guest_request" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_signup_member_idx" ON "activity_signup" USING btree ("activity_id","occurrence_start","user_id") WHERE "activity_signup"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_signup_guest_idx" ON "activity_signup" USING btree ("activity_id","occurrence_start",lower("guest_email")) WHERE "activity_signup"."guest_email" is not null;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD CONSTRAINT "activity_signup_member_or_guest" CHECK (("activity_signup"."user_id" is not null and "activity_signup"."guest_name" is null and "activity_signup"."guest_email" is null) or ("activity_signup"."user_id" is null and "activity_signup"."guest_name" is not null and "activity_signup"."guest_email" is not null));--> statement-breakpoint
ALTER TABLE "activity_signup" ADD CONSTRAINT "activity_signup_guest_name_length" CHECK ("activity_signup"."guest_name" is null or char_length("activity_signup"."guest_name") between 1 and 80);--> statement-breakpoint
ALTER TABLE "activity_signup" ADD CONSTRAINT "activity_signup_guest_email_length" CHECK ("activity_signup"."guest_email" is null or char_length("activity_signup"."guest_email") between 3 and 254);