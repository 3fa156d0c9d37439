CREATE TABLE "expert_profile" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"pseudonym" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"own_themes" text DEFAULT '' NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"forms" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"languages" text DEFAULT '' NOT NULL,
	"training" text DEFAULT '' NOT NULL,
	"introduction" text DEFAULT '' NOT NULL,
	"rates" text DEFAULT '' NOT NULL,
	"not_about" text DEFAULT '' NOT NULL,
	"search" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_profile_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "expert_profile_pseudonym_length" CHECK (char_length("expert_profile"."pseudonym") <= 60),
	CONSTRAINT "expert_profile_introduction_length" CHECK (char_length("expert_profile"."introduction") <= 3000),
	CONSTRAINT "expert_profile_not_about_length" CHECK (char_length("expert_profile"."not_about") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "pool_coordinator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"initiative_id" uuid,
	"granted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "expert_profile" ADD CONSTRAINT "expert_profile_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_coordinator" ADD CONSTRAINT "pool_coordinator_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_coordinator" ADD CONSTRAINT "pool_coordinator_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_coordinator" ADD CONSTRAINT "pool_coordinator_granted_by_app_user_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_profile_published_idx" ON "expert_profile" USING btree ("published_at","id") WHERE "expert_profile"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "expert_profile_themes_idx" ON "expert_profile" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "expert_profile_forms_idx" ON "expert_profile" USING gin ("forms");--> statement-breakpoint
CREATE INDEX "expert_profile_regions_idx" ON "expert_profile" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "expert_profile_search_idx" ON "expert_profile" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_coordinator_wide_idx" ON "pool_coordinator" USING btree ("user_id") WHERE "pool_coordinator"."initiative_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "pool_coordinator_local_idx" ON "pool_coordinator" USING btree ("user_id","initiative_id") WHERE "pool_coordinator"."initiative_id" is not null;