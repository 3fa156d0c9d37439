CREATE TABLE "outside_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"target_id" uuid,
	"email" text,
	"locale" text DEFAULT 'nl' NOT NULL,
	"token_hash" text,
	"submission_key" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"forgotten_at" timestamp with time zone,
	CONSTRAINT "outside_request_email_length" CHECK (char_length("outside_request"."email") <= 254)
);
--> statement-breakpoint
CREATE TABLE "handover" (
	"id" uuid PRIMARY KEY NOT NULL,
	"initiative_id" uuid NOT NULL,
	"source" text NOT NULL,
	"sector" text,
	"referrer_name" text,
	"organisation" text,
	"person_name" text,
	"reach" text,
	"phone" text,
	"person_email" text,
	"looking_for" text,
	"share_step" boolean DEFAULT false NOT NULL,
	"step" text DEFAULT 'new' NOT NULL,
	"taken_by" text,
	"taken_at" timestamp with time zone,
	"step_at" timestamp with time zone,
	CONSTRAINT "handover_text_length" CHECK (char_length("handover"."looking_for") <= 2000 and char_length("handover"."person_name") <= 80 and char_length("handover"."referrer_name") <= 80 and char_length("handover"."organisation") <= 120)
);
--> statement-breakpoint
CREATE TABLE "handover_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"handover_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handover" ADD CONSTRAINT "handover_id_outside_request_id_fk" FOREIGN KEY ("id") REFERENCES "public"."outside_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover" ADD CONSTRAINT "handover_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover" ADD CONSTRAINT "handover_taken_by_app_user_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_step" ADD CONSTRAINT "handover_step_handover_id_handover_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handover"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outside_request_token_idx" ON "outside_request" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "outside_request_submission_idx" ON "outside_request" USING btree ("kind","submission_key");--> statement-breakpoint
CREATE INDEX "outside_request_unconfirmed_idx" ON "outside_request" USING btree ("created_at") WHERE "outside_request"."confirmed_at" is null;--> statement-breakpoint
CREATE INDEX "outside_request_expiry_idx" ON "outside_request" USING btree ("kind","expires_at") WHERE "outside_request"."closed_at" is not null and "outside_request"."forgotten_at" is null;--> statement-breakpoint
CREATE INDEX "handover_initiative_idx" ON "handover" USING btree ("initiative_id","step");--> statement-breakpoint
CREATE INDEX "handover_taken_by_idx" ON "handover" USING btree ("taken_by");--> statement-breakpoint
CREATE INDEX "handover_step_handover_idx" ON "handover_step" USING btree ("handover_id","at");