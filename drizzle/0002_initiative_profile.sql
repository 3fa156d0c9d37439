CREATE TABLE "initiative_closure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "closure_dates" CHECK ("initiative_closure"."ends_on" >= "initiative_closure"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "initiative_opening_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"opens_at" time NOT NULL,
	"closes_at" time NOT NULL,
	CONSTRAINT "opening_hours_weekday" CHECK ("initiative_opening_hours"."weekday" between 1 and 7),
	CONSTRAINT "opening_hours_period" CHECK ("initiative_opening_hours"."closes_at" > "initiative_opening_hours"."opens_at")
);
--> statement-breakpoint
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
ALTER TABLE "initiative_closure" ADD CONSTRAINT "initiative_closure_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_opening_hours" ADD CONSTRAINT "initiative_opening_hours_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "closure_initiative_idx" ON "initiative_closure" USING btree ("initiative_id","ends_on");--> statement-breakpoint
CREATE INDEX "opening_hours_initiative_idx" ON "initiative_opening_hours" USING btree ("initiative_id","weekday");--> statement-breakpoint
CREATE INDEX "initiative_status_location_idx" ON "initiative" USING btree ("status","latitude","longitude");--> statement-breakpoint
ALTER TABLE "initiative" ADD CONSTRAINT "initiative_coordinates" CHECK (("initiative"."latitude" is null) = ("initiative"."longitude" is null));