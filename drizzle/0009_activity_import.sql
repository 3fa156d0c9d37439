ALTER TABLE "activity" ADD COLUMN "import_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_import_key_idx" ON "activity" USING btree ("initiative_id","import_key");--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_import_key_length" CHECK ("activity"."import_key" is null or char_length("activity"."import_key") between 1 and 400);