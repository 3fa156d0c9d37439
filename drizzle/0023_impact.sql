CREATE TABLE "impact_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_note_body_length" CHECK (char_length("impact_note"."body") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "impact_quote" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_quote_body_length" CHECK (char_length("impact_quote"."body") between 1 and 300)
);
--> statement-breakpoint
CREATE TABLE "impact_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid,
	"made_by" text,
	"format" text NOT NULL,
	"period" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_report_format" CHECK ("impact_report"."format" in ('csv', 'print')),
	CONSTRAINT "impact_report_period_length" CHECK (char_length("impact_report"."period") between 1 and 40)
);
--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "impact_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "impact_note" ADD CONSTRAINT "impact_note_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_note" ADD CONSTRAINT "impact_note_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_quote" ADD CONSTRAINT "impact_quote_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_quote" ADD CONSTRAINT "impact_quote_story_id_story_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."story"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_report" ADD CONSTRAINT "impact_report_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_report" ADD CONSTRAINT "impact_report_made_by_app_user_id_fk" FOREIGN KEY ("made_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "impact_note_initiative_idx" ON "impact_note" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE INDEX "impact_note_user_idx" ON "impact_note" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "impact_quote_initiative_idx" ON "impact_quote" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE INDEX "impact_report_initiative_idx" ON "impact_report" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE INDEX "impact_report_made_by_idx" ON "impact_report" USING btree ("made_by");