CREATE TABLE "pool_proposal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"answer" text DEFAULT 'open' NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"card_confirmed_at" timestamp with time zone,
	"check_in" text,
	"reflection" text,
	"reflection_shared" boolean DEFAULT false NOT NULL,
	"feedback_shared" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pool_proposal_text_length" CHECK (char_length("pool_proposal"."check_in") <= 3000 and char_length("pool_proposal"."reflection") <= 5000)
);
--> statement-breakpoint
CREATE TABLE "pool_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"initiative_id" uuid,
	"wished_profile_id" uuid,
	"sector" text NOT NULL,
	"form" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"organisation" text,
	"contact_name" text,
	"contact_phone" text,
	"goal" text,
	"audience" text,
	"audience_size" integer,
	"day" date NOT NULL,
	"start_time" text,
	"duration" text,
	"online" boolean DEFAULT false NOT NULL,
	"place" text,
	"accessibility" text,
	"fee_kind" text NOT NULL,
	"fee_cents" integer NOT NULL,
	"recording" boolean DEFAULT false NOT NULL,
	"story_use" text,
	"aftercare" text,
	"experts" integer DEFAULT 2 NOT NULL,
	"status" text DEFAULT 'nieuw' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"card_roles" text,
	"card_ask" text,
	"card_not_ask" text,
	"card_written_at" timestamp with time zone,
	"org_confirmed_at" timestamp with time zone,
	"feedback" text,
	"feedback_at" timestamp with time zone,
	"first_answer_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"late_cancel" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pool_request_text_length" CHECK (char_length("pool_request"."goal") <= 2000 and char_length("pool_request"."organisation") <= 120 and char_length("pool_request"."contact_name") <= 80 and char_length("pool_request"."feedback") <= 3000)
);
--> statement-breakpoint
CREATE TABLE "pool_request_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pool_request_message_length" CHECK (char_length("pool_request_message"."body") <= 3000)
);
--> statement-breakpoint
ALTER TABLE "pool_proposal" ADD CONSTRAINT "pool_proposal_request_id_pool_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."pool_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal" ADD CONSTRAINT "pool_proposal_profile_id_expert_profile_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."expert_profile"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_request" ADD CONSTRAINT "pool_request_id_outside_request_id_fk" FOREIGN KEY ("id") REFERENCES "public"."outside_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_request" ADD CONSTRAINT "pool_request_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_request" ADD CONSTRAINT "pool_request_wished_profile_id_expert_profile_id_fk" FOREIGN KEY ("wished_profile_id") REFERENCES "public"."expert_profile"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_request_message" ADD CONSTRAINT "pool_request_message_request_id_pool_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."pool_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_request_message" ADD CONSTRAINT "pool_request_message_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pool_proposal_once_idx" ON "pool_proposal" USING btree ("request_id","profile_id");--> statement-breakpoint
CREATE INDEX "pool_proposal_profile_idx" ON "pool_proposal" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "pool_request_status_idx" ON "pool_request" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "pool_request_day_idx" ON "pool_request" USING btree ("day");--> statement-breakpoint
CREATE INDEX "pool_request_initiative_idx" ON "pool_request" USING btree ("initiative_id");--> statement-breakpoint
CREATE INDEX "pool_request_message_request_idx" ON "pool_request_message" USING btree ("request_id","created_at");