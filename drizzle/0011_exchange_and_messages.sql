CREATE TABLE "exchange_post" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"initiative_id" uuid NOT NULL,
	"created_by" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"theme" text NOT NULL,
	"town" text DEFAULT '' NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"audience" text DEFAULT 'initiative' NOT NULL,
	"ends_on" date,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, title || ' ' || body)) STORED NOT NULL,
	CONSTRAINT "exchange_post_kind" CHECK ("exchange_post"."kind" in ('offer', 'request')),
	CONSTRAINT "exchange_post_audience" CHECK ("exchange_post"."audience" in ('initiative', 'network')),
	CONSTRAINT "exchange_post_title_length" CHECK (char_length("exchange_post"."title") between 1 and 120),
	CONSTRAINT "exchange_post_body_length" CHECK (char_length("exchange_post"."body") <= 4000),
	CONSTRAINT "exchange_post_town_length" CHECK (char_length("exchange_post"."town") <= 100),
	CONSTRAINT "exchange_post_place" CHECK ("exchange_post"."online" or char_length("exchange_post"."town") > 0)
);
--> statement-breakpoint
CREATE TABLE "contact_block" (
	"blocker_id" text NOT NULL,
	"blocked_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_block_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id"),
	CONSTRAINT "contact_block_not_self" CHECK ("contact_block"."blocker_id" <> "contact_block"."blocked_id")
);
--> statement-breakpoint
CREATE TABLE "conversation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_member" (
	"conversation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"read_at" timestamp with time zone,
	"noticed_at" timestamp with time zone,
	CONSTRAINT "conversation_member_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"sender_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_body_length" CHECK (char_length("message"."body") between 1 and 4000)
);
--> statement-breakpoint
ALTER TABLE "exchange_post" ADD CONSTRAINT "exchange_post_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_post" ADD CONSTRAINT "exchange_post_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_block" ADD CONSTRAINT "contact_block_blocker_id_app_user_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_block" ADD CONSTRAINT "contact_block_blocked_id_app_user_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_post_id_exchange_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."exchange_post"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_member" ADD CONSTRAINT "conversation_member_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_member" ADD CONSTRAINT "conversation_member_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message" ADD CONSTRAINT "message_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message" ADD CONSTRAINT "message_sender_id_app_user_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_post_open_idx" ON "exchange_post" USING btree ("created_at","id") WHERE "exchange_post"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "exchange_post_author_idx" ON "exchange_post" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "exchange_post_search_idx" ON "exchange_post" USING gin ("search");--> statement-breakpoint
CREATE INDEX "contact_block_blocked_idx" ON "contact_block" USING btree ("blocked_id");--> statement-breakpoint
CREATE INDEX "conversation_post_idx" ON "conversation" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "conversation_member_user_idx" ON "conversation_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "message_conversation_idx" ON "message" USING btree ("conversation_id","created_at","id");--> statement-breakpoint
CREATE INDEX "message_sender_idx" ON "message" USING btree ("sender_id");