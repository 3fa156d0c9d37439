CREATE TABLE "initiative_photo" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"alt" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_photo_alt" CHECK (char_length("initiative_photo"."alt") between 1 and 300),
	CONSTRAINT "initiative_photo_content_type" CHECK ("initiative_photo"."content_type" in ('image/webp', 'image/jpeg'))
);
--> statement-breakpoint
ALTER TABLE "initiative_photo" ADD CONSTRAINT "initiative_photo_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiative_photo_initiative_idx" ON "initiative_photo" USING btree ("initiative_id","created_at");