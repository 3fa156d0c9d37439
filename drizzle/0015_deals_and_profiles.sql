CREATE TABLE "deal" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"giver_id" text,
	"receiver_id" text,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"agreed_at" timestamp with time zone,
	"done_marked_by" text,
	"done_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_status" CHECK ("deal"."status" in ('proposed', 'agreed', 'done_pending', 'done', 'cancelled')),
	CONSTRAINT "deal_place_length" CHECK (char_length("deal"."place") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "deal_thanks" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"writer_id" text,
	"giver_id" text,
	"body" text NOT NULL,
	"shown_on_profile" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_thanks_body_length" CHECK (char_length("deal_thanks"."body") between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "member_profile" (
	"user_id" text PRIMARY KEY NOT NULL,
	"likes" text DEFAULT '' NOT NULL,
	"talents" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_profile_likes_length" CHECK (char_length("member_profile"."likes") <= 500),
	CONSTRAINT "member_profile_talents_length" CHECK (char_length("member_profile"."talents") <= 500)
);
--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_giver_id_app_user_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_receiver_id_app_user_id_fk" FOREIGN KEY ("receiver_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_proposed_by_app_user_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_done_marked_by_app_user_id_fk" FOREIGN KEY ("done_marked_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_thanks" ADD CONSTRAINT "deal_thanks_conversation_id_deal_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."deal"("conversation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_thanks" ADD CONSTRAINT "deal_thanks_writer_id_app_user_id_fk" FOREIGN KEY ("writer_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_thanks" ADD CONSTRAINT "deal_thanks_giver_id_app_user_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_profile" ADD CONSTRAINT "member_profile_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_giver_idx" ON "deal" USING btree ("giver_id","done_at");--> statement-breakpoint
CREATE INDEX "deal_receiver_idx" ON "deal" USING btree ("receiver_id","done_at");--> statement-breakpoint
CREATE INDEX "deal_thanks_giver_idx" ON "deal_thanks" USING btree ("giver_id","created_at");