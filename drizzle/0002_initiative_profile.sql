ALTER TABLE "initiative" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "postcode" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "themes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "accessibility" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "website" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "closed_on_holidays" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "initiative_status_location_idx" ON "initiative" USING btree ("status","latitude","longitude");--> statement-breakpoint
ALTER TABLE "initiative" ADD CONSTRAINT "initiative_coordinates" CHECK (("initiative"."latitude" is null) = ("initiative"."longitude" is null));