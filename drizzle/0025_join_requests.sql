CREATE TABLE "initiative_join_request" (
	"initiative_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "initiative_join_request_initiative_id_user_id_pk" PRIMARY KEY("initiative_id","user_id"),
	CONSTRAINT "join_request_status" CHECK ("initiative_join_request"."status" in ('open', 'accepted', 'declined'))
);
--> statement-breakpoint
ALTER TABLE "initiative" ALTER COLUMN "guest_signups" SET DEFAULT true;--> statement-breakpoint
ALTER TABLE "initiative_join_request" ADD CONSTRAINT "initiative_join_request_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_join_request" ADD CONSTRAINT "initiative_join_request_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "join_request_open_idx" ON "initiative_join_request" USING btree ("initiative_id","asked_at") WHERE "initiative_join_request"."status" = 'open';--> statement-breakpoint
CREATE INDEX "join_request_user_idx" ON "initiative_join_request" USING btree ("user_id");