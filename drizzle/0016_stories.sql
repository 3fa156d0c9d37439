CREATE TABLE "story" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"writer_id" text,
	"initiative_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"diagnosis" text DEFAULT '' NOT NULL,
	"warnings" text[] DEFAULT '{}'::text[] NOT NULL,
	"own_warning" text DEFAULT '' NOT NULL,
	"pseudonym" text DEFAULT '' NOT NULL,
	"visibility" text DEFAULT 'initiative' NOT NULL,
	"indexable" boolean DEFAULT false NOT NULL,
	"visible_until" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"link_token" text NOT NULL,
	"edit_reason" text DEFAULT '' NOT NULL,
	"consent_impact" boolean DEFAULT false NOT NULL,
	"consent_training" boolean DEFAULT false NOT NULL,
	"search" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_link_token_unique" UNIQUE("link_token"),
	CONSTRAINT "story_visibility" CHECK ("story"."visibility" in ('public', 'network', 'initiative', 'link')),
	CONSTRAINT "story_status" CHECK ("story"."status" in ('draft', 'review', 'published', 'withdrawn')),
	CONSTRAINT "story_title_length" CHECK (char_length("story"."title") <= 120),
	CONSTRAINT "story_body_length" CHECK (char_length("story"."body") <= 20000),
	CONSTRAINT "story_pseudonym_length" CHECK (char_length("story"."pseudonym") <= 60)
);
--> statement-breakpoint
CREATE TABLE "story_edit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"story_id" uuid NOT NULL,
	"proposed_by" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "story_edit_status" CHECK ("story_edit"."status" in ('open', 'accepted', 'declined')),
	CONSTRAINT "story_edit_reason_length" CHECK (char_length("story_edit"."reason") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "story_mute" (
	"user_id" text PRIMARY KEY NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"words" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_recognition" (
	"story_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_recognition_story_id_user_id_pk" PRIMARY KEY("story_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "story_setting" (
	"initiative_id" uuid PRIMARY KEY NOT NULL,
	"review_members_stories" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "story" ADD CONSTRAINT "story_writer_id_app_user_id_fk" FOREIGN KEY ("writer_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story" ADD CONSTRAINT "story_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_edit" ADD CONSTRAINT "story_edit_story_id_story_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."story"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_edit" ADD CONSTRAINT "story_edit_proposed_by_app_user_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_mute" ADD CONSTRAINT "story_mute_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_recognition" ADD CONSTRAINT "story_recognition_story_id_story_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."story"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_recognition" ADD CONSTRAINT "story_recognition_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_setting" ADD CONSTRAINT "story_setting_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_published_idx" ON "story" USING btree ("published_at","id") WHERE "story"."status" = 'published';--> statement-breakpoint
CREATE INDEX "story_writer_idx" ON "story" USING btree ("writer_id");--> statement-breakpoint
CREATE INDEX "story_review_idx" ON "story" USING btree ("initiative_id") WHERE "story"."status" = 'review';--> statement-breakpoint
CREATE INDEX "story_search_idx" ON "story" USING gin ("search");--> statement-breakpoint
CREATE INDEX "story_themes_idx" ON "story" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "story_edit_story_idx" ON "story_edit" USING btree ("story_id");