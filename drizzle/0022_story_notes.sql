CREATE TABLE "story_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"story_id" uuid NOT NULL,
	"giver_id" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "story_note_status" CHECK ("story_note"."status" in ('waiting', 'delivered', 'declined')),
	CONSTRAINT "story_note_text_length" CHECK (char_length("story_note"."text") between 1 and 500),
	CONSTRAINT "story_note_reason_length" CHECK (char_length("story_note"."reason") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "story_note" ADD CONSTRAINT "story_note_story_id_story_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."story"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_note" ADD CONSTRAINT "story_note_giver_id_app_user_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "story_note_once" ON "story_note" USING btree ("story_id","giver_id");--> statement-breakpoint
CREATE INDEX "story_note_giver_idx" ON "story_note" USING btree ("giver_id");--> statement-breakpoint
CREATE INDEX "story_note_waiting_idx" ON "story_note" USING btree ("story_id") WHERE "story_note"."status" = 'waiting';