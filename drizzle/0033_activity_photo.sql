CREATE TABLE "activity_photo" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"alt" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_photo_activity_id_unique" UNIQUE("activity_id"),
	CONSTRAINT "activity_photo_alt" CHECK (char_length("activity_photo"."alt") between 1 and 300),
	CONSTRAINT "activity_photo_content_type" CHECK ("activity_photo"."content_type" in ('image/webp', 'image/jpeg'))
);
--> statement-breakpoint
ALTER TABLE "activity_photo" ADD CONSTRAINT "activity_photo_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;